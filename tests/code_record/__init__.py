"""The record of the problem codes the test suite raises (see sitecustomize.py)."""
