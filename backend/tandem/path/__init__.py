"""The path: sensate-focus stages the couple moves through together, each member ready privately."""
