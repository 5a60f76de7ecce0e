"""Every domain's models, imported once so the metadata (and Alembic) sees all tables."""

from tandem.accounts.models import AuthSession, User
from tandem.core.db import Base
from tandem.spaces.models import Invitation, Membership, Space

metadata = Base.metadata

__all__ = ["AuthSession", "Invitation", "Membership", "Space", "User", "metadata"]
