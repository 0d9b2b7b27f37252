"""Schedule risk by Monte Carlo (core contract section 6; method in docs/risk.md).

The located errors of ``duration_range``, ``[risk]`` and risk events are checks of the
registry (`hsso_plan.checks.risk_checks`).

- `inputs`: what is uncertain: each task's range, correlation groups, events (no numpy);
- `sampling`: durations and event delays for every run (numpy, vectorised across runs);
- `resources`: the levelled order kept in every run (resource-constrained network);
- `engine`: forward and backward passes over the `Network`, one numpy row per task;
- `figures`: percentiles, probabilities, criticality, sensitivity, standard errors;
- `analysis`: the use case: a checked plan and its schedule in, a `RiskResult` out.

numpy is imported only by `sampling`, `engine`, `figures` and `analysis`, so the other
commands never load it.
"""
