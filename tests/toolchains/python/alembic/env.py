"""Alembic environment for tether's tests: runs the generated revisions against the URL that
driver.py passes in `config.attributes["url"]`, online, one transaction per migration."""

import sqlalchemy as sa
from alembic import context

config = context.config
engine = sa.create_engine(config.attributes["url"], poolclass=sa.pool.NullPool)

with engine.connect() as connection:
    context.configure(
        connection=connection, target_metadata=None, transaction_per_migration=True
    )
    with context.begin_transaction():
        context.run_migrations()
