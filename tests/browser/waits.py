"""Waiting on a page under the site's Content Security Policy.

Playwright's `wait_for_function` compiles its predicate with `eval`, which the pages' CSP (rightly) refuses;
`page.evaluate` goes through the DevTools protocol, which CSP does not govern. So tests poll with it.
"""
from __future__ import annotations

import time


def wait_until(page, expression: str, timeout: float = 30.0, step: float = 0.025) -> object:
    """Evaluate `expression` in `page` until it is truthy; its value, or AssertionError after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = page.evaluate(expression)
        except Exception as error:  # a navigation in between destroys the context: try again on the next page
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {expression}")
        time.sleep(step)
