"""The citizen's pages, by area: the wizard, its completion, and the citizen's account.

Views stay thin: forms check input, services decide and write, selectors read.
"""
