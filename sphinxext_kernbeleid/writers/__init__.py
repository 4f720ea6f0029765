"""One docutils translator per format, as Sphinx does in ``sphinx/writers/``."""
