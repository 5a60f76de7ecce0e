"""Operations tests run real processes: app instances, a private redis-server, PostgreSQL databases."""
