"""Streamlit bindings the pages share; a folder, so Streamlit never mistakes a module for a page.

state: the open profile and its saving; fields: a widget per field kind of the registry;
library and export: the actions of those two pages.
"""
