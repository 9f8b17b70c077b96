"""Stage 5, contest rules: the checks a contest plan sets on its entries (eligibility, consent,
submission window, quotas per author and unit) in contest, personal data typed into public
fields in privacy, and the contest's phase on a given day from its timeline in phase.
"""
