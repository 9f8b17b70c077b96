"""Stage 7, results: jury score sheets (scores), public votes and quiz results → rankings →
prizes, checked against the committee's decision (results).
"""
