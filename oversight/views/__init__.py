"""Oversight's pages, one module per concern."""
