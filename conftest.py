"""Every pytest run from the project root is a conformance run: the plugin brings target, fixtures and reports."""

pytest_plugins = ["fixtures.plugin"]
