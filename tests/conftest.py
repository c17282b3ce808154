"""Settings for the whole suite."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, settings

# Property tests assert behaviour, never speed: machines here are shared and noisy, so no
# per-example deadline and no too-slow health check. The explain phase is left out: its
# report imports libcst, whose DeprecationWarning (filterwarnings = error) would hide the
# real failure behind a crash of the report.
settings.register_profile(
    "cablegram",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)
settings.load_profile("cablegram")
