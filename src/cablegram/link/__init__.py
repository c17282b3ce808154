"""People, posts and terms: authorities, roles by date, and the linker over any record's text."""

from __future__ import annotations

from cablegram.link.authorities import Appointment, Authorities, RegisterPerson
from cablegram.link.linker import Linker
from cablegram.link.roles import holders

__all__ = ["Appointment", "Authorities", "Linker", "RegisterPerson", "holders"]
