"""Stage 7, results: the jury's ranking with the plan's tie-breaks (ranking), prizes from one
routine for jury, public vote and quiz (awards), the committee's decision as published (decision),
all named in order by results.compute_results.
"""
