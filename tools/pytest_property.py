"""pytest plugin of ``make test`` (tools/test.sh loads it with ``-p``).

pytest-odoo collects every ``unittest`` class it finds in a test file, also the
ones the file only imports (``helpdesk_mgmt``'s ``test_js.py`` imports Odoo
web's whole ``WebSuite``); Odoo's own test loader runs only the classes a file
defines (``odoo.tests.loader.get_module_test_cases``), and so does this plugin.

It also leaves out the tests named in ``PROPERTY_TESTS_LEFT_OUT``
(``module.Class.test`` separated by spaces; tools/test.sh says why for each).
"""

import os


def _qualified_name(item):
    return f"{item.module.__name__}.{item.cls.__name__}.{item.originalname}"


def pytest_collection_modifyitems(config, items):
    left_out = set(os.environ.get("PROPERTY_TESTS_LEFT_OUT", "").split())
    kept, deselected = [], []
    for item in items:
        cls = getattr(item, "cls", None)
        if cls is not None and (
            cls.__module__ != item.module.__name__ or _qualified_name(item) in left_out
        ):
            deselected.append(item)
        else:
            kept.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
