"""Uses tether's generated SQLAlchemy and Pydantic models as an application would, on a real
database the migrations built: client-side ids, `@updatedAt`, JSON nulls, deletes through the
ORM with every referential action, Pydantic JSON round trips. Run by tests/codegen_python.rs:

    behaviour.py URL MODELS SCHEMAS PROVIDER
    behaviour.py create-all URL MODELS     Base.metadata.create_all on an empty database
    behaviour.py fill URL MODELS           rows in every table, for tests in other languages

Each check raises (a traceback and exit 1) when the behaviour differs from Prisma Client's. The
inserts, updates and cascading deletes run once more through an AsyncSession.
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import decimal
import importlib
import json
import re
import sys
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session, selectinload

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from driver import sa_url  # noqa: E402


def engine_for(url: str) -> sa.Engine:
    """An engine whose sessions keep a time zone that is not UTC (as a server configured for
    its office would), and, on SQLite, foreign keys on (as Prisma turns them on)."""
    target = sa_url(url)
    if target.startswith("postgresql"):
        return sa.create_engine(
            target, connect_args={"options": "-c timezone=America/New_York"}
        )
    if target.startswith("mysql"):
        return sa.create_engine(
            target, connect_args={"init_command": "SET time_zone = '-05:00'"}
        )
    engine = sa.create_engine(target)

    @sa.event.listens_for(engine, "connect")
    def foreign_keys_on(connection, _record):  # type: ignore[no-untyped-def]
        connection.execute("PRAGMA foreign_keys = ON")

    return engine


def refused_by_foreign_key(session: Session, what: str) -> None:
    """Flushes, expecting the database to refuse with a foreign key error (not a NOT NULL one
    from the ORM blanking a column out)."""
    try:
        session.flush()
    except sa.exc.IntegrityError as e:
        session.rollback()
        text = str(e.orig).lower()
        assert "foreign key" in text, f"{what}: refused, but not by a foreign key: {e.orig}"
        return
    raise AssertionError(f"{what}: the database should have refused")


def count(session: Session, model: type) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def main(url: str, models_name: str, schemas_name: str, provider: str) -> None:
    m = importlib.import_module(models_name)
    schemas = importlib.import_module(schemas_name)
    engine = engine_for(url)

    with Session(engine) as s:
        # Client-side ids, as Prisma Client fills them.
        alice = m.User(handle="alice")
        bob = m.User(handle="bob", role=m.Role.ADMIN, avatar=b"\x00\xff\x10ok")
        s.add_all([alice, bob])
        s.flush()
        assert re.fullmatch(r"c[0-9a-z]{24}", alice.id), f"cuid(): {alice.id!r}"
        assert alice.id != bob.id
        general = m.Conversation(title="general")
        s.add(general)
        s.flush()
        assert re.fullmatch(r"[a-z][0-9a-z]{23}", general.slug), f"cuid(2): {general.slug!r}"
        s.add_all(
            [
                m.Membership(conversation=general, user=alice),
                m.Membership(conversation=general, user=bob),
            ]
        )
        hello = m.Message(conversation=general, author=alice, body="hello", meta=None)
        s.add(hello)
        s.flush()
        assert uuid.UUID(hello.id).version == 7, f"uuid(7): {hello.id!r}"
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", hello.trace), f"ulid(): {hello.trace!r}"
        # A self-relation's implicit join table keyed like `users.id` on every dialect.
        alice.blocked.append(bob)
        s.flush()
        s.expire_all()
        assert [u.handle for u in s.get(m.User, bob.id).blocked_by] == ["alice"]
        picture = m.Attachment(message=hello, data=b"\x89PNG", size=decimal.Decimal("12.5"))
        s.add(picture)
        s.flush()
        assert re.fullmatch(r"[A-Za-z0-9_-]{21}", picture.id), f"nanoid(): {picture.id!r}"
        s.commit()

        # An optional Json set to None is SQL NULL, not JSON null.
        table = m.Message.__table__
        nulls = s.scalar(
            sa.select(sa.func.count()).select_from(table).where(table.c.meta.is_(None))
        )
        assert nulls == 1, f"meta=None must be stored as SQL NULL ({nulls} rows IS NULL)"

        # @updatedAt is the current UTC time to the millisecond, whatever the session's zone.
        s.expire_all()
        stored = s.get(m.User, alice.id).updated_at
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        assert abs(now - stored) < datetime.timedelta(minutes=5), (
            f"updatedAt {stored} is not UTC now ({now})"
        )
        assert stored.microsecond % 1000 == 0, f"updatedAt {stored} is finer than milliseconds"

        # Restrict and NoAction: the database refuses, the ORM does not blank the key out.
        s.delete(s.get(m.Message, hello.id))
        refused_by_foreign_key(s, "deleting a message with an attachment (Restrict)")
        reacted = m.Message(conversation_id=general.id, body="react to me")
        s.add(reacted)
        s.flush()
        s.add(m.Reaction(message=reacted))
        s.commit()
        s.delete(reacted)
        refused_by_foreign_key(s, "deleting a message with a reaction (NoAction)")

        # One-to-one, and SetDefault: a device falls back to the kiosk account when its owner
        # goes. InnoDB (MariaDB, MySQL) has no SET DEFAULT and refuses the delete instead, as
        # Prisma's documentation says.
        kiosk = m.User(id="kiosk", handle="kiosk")
        owner = m.User(handle="device-owner")
        s.add_all([kiosk, owner])
        s.flush()
        device = m.Device(label="tablet", owner=owner)
        s.add(device)
        s.commit()
        assert uuid.UUID(device.id).version == 4, f"uuid(): {device.id!r}"
        s.expire_all()
        assert s.get(m.User, owner.id).device.label == "tablet", "one-to-one back side"
        got = s.get(m.Device, device.id)
        assert got.online is False and got.battery == 1.5 and got.uptime == 0, got
        assert type(got.uptime) is int and type(got.battery) is float, got
        s.delete(s.get(m.User, owner.id))
        if url.startswith("mysql"):
            refused_by_foreign_key(s, "deleting a device's owner on InnoDB (SetDefault)")
        else:
            s.commit()
            s.expire_all()
            assert s.get(m.Device, device.id).owner_id == "kiosk", "SetDefault"

        # SetNull and Cascade through the ORM: deleting a user keeps their messages without an
        # author and deletes their memberships (part of whose primary key they are).
        s.delete(s.get(m.User, alice.id))
        s.commit()
        s.expire_all()
        assert s.get(m.Message, hello.id).author_id is None, "SetNull: author kept"
        assert count(s, m.Membership) == 1, "Cascade: alice's membership is left"

        # Cascade from the top: a conversation takes its messages and memberships with it.
        for reaction in s.scalars(sa.select(m.Reaction)):
            s.delete(reaction)
        s.delete(s.get(m.Attachment, picture.id))
        s.commit()
        s.delete(s.get(m.Conversation, general.id))
        s.commit()
        assert count(s, m.Conversation) == 0
        assert count(s, m.Message) == 0, "Cascade: messages left"
        assert count(s, m.Membership) == 0, "Cascade: memberships left"

        # Pydantic: bytes travel as base64 in JSON, both ways.
        read = schemas.UserRead.model_validate(s.get(m.User, bob.id))
        dumped = json.loads(read.model_dump_json())
        assert dumped["avatar"] == base64.b64encode(b"\x00\xff\x10ok").decode(), dumped
        again = schemas.UserRead.model_validate_json(read.model_dump_json())
        assert again.avatar == b"\x00\xff\x10ok", again.avatar

        # Pydantic's JSON is Prisma Client's, as the Rust structs and TypeScript types have it:
        # the schema's field names, enum members by schema name (not database value),
        # DateTime as UTC text ending in Z; and it reads back to what the ORM gave.
        assert "createdAt" in dumped and "created_at" not in dumped, dumped
        assert dumped["role"] == "ADMIN", f"enum in JSON: {dumped['role']!r}"
        iso_utc = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(\d{3})?Z"
        assert re.fullmatch(iso_utc, dumped["createdAt"]), dumped["createdAt"]
        assert again.role is m.Role.ADMIN and again.created_at == read.created_at, again
        assert again == read, f"{again!r} != {read!r}"
        by_attribute = schemas.UserRead.model_validate(read.model_dump(by_alias=False))
        assert by_attribute == read, "attribute names are accepted too"

        # A create model takes every field a client may give, a Json with a default too, and
        # needs no id the models fill in.
        created = schemas.UserCreate(handle="carol", settings={"theme": "dark"})
        assert created.settings == {"theme": "dark"}, "a given Json value was dropped"
        assert schemas.UserCreate(handle="dave").settings == {}
        carol = m.User(**created.model_dump(by_alias=False))
        s.add(carol)
        s.commit()
        assert s.get(m.User, carol.id).settings == {"theme": "dark"}

        # Values read back as their annotations say, SQLite (no date or decimal types) too.
        # `@db.Date` and `@db.Time` are dropped from a SQLite schema: plain DateTimes there.
        native = provider != "sqlite"
        day: object = datetime.date(2026, 12, 2)
        at: object = datetime.time(9, 30, 15, 250000)
        if not native:
            day = datetime.datetime(2026, 12, 2)
            at = datetime.datetime(1970, 1, 1, 9, 30, 15, 250000)
        reminder = m.Reminder(day=day, at=at, amount=decimal.Decimal("12.50"))
        s.add(reminder)
        s.commit()
        s.expire_all()
        back = s.get(m.Reminder, reminder.id)
        assert type(back.day) is type(day), f"{day!r} read as {back.day!r}"
        assert back.day == day, back.day
        assert type(back.at) is type(at), f"{at!r} read as {back.at!r}"
        assert back.at == at, back.at
        assert back.amount == decimal.Decimal("12.5"), back.amount
        assert back.amount.as_tuple().exponent >= -2, f"12.50 read as {back.amount!r}"
        assert back.fee == 0 and type(back.fee) is decimal.Decimal, back.fee
        shown = json.loads(schemas.ReminderRead.model_validate(back).model_dump_json())
        assert shown["amount"] in ("12.50", "12.5"), shown
        assert "E" not in shown["fee"] and decimal.Decimal(shown["fee"]) == 0, shown
        if native:
            assert shown["day"] == "2026-12-02", shown
            assert shown["at"] == "09:30:15.250000", shown
        if url.startswith("sqlite"):
            # What Prisma Client writes on SQLite: Unix milliseconds and REAL numbers.
            s.execute(
                sa.text(
                    'UPDATE "Reminder" SET "day" = 1767225600000, "remindAt" = 1767225600123,'
                    ' "amount" = 7.25 WHERE "id" = :id'
                ),
                {"id": reminder.id},
            )
            s.commit()
            s.expire_all()
            back = s.get(m.Reminder, reminder.id)
            new_year = datetime.datetime(2026, 1, 1)
            assert back.day == (new_year.date() if native else new_year), back.day
            assert back.remind_at == datetime.datetime(2026, 1, 1, 0, 0, 0, 123000), (
                back.remind_at
            )
            assert back.amount == decimal.Decimal("7.25"), back.amount
            assert str(back.amount) == "7.25", f"7.25 read as {back.amount!r}"
    asyncio.run(main_async(url, m))
    print("behaviour: ok")


async def main_async(url: str, m: Any) -> None:
    """Inserts, updates and deletes through an AsyncSession (models generated without
    `asyncio = true`: relationships are loaded explicitly, as SQLAlchemy's docs say)."""
    engine = create_async_engine(sa_url(url, asynchronous=True), poolclass=sa.pool.NullPool)
    async with AsyncSession(engine, expire_on_commit=False) as s:
        user = m.User(handle="async-user")
        room = m.Conversation(title="async")
        s.add_all([user, room])
        await s.flush()
        s.add(m.Membership(conversation_id=room.id, user_id=user.id))
        s.add(m.Message(conversation_id=room.id, author_id=user.id, body="first"))
        await s.commit()
        assert re.fullmatch(r"c[0-9a-z]{24}", user.id), f"cuid() in async: {user.id!r}"

        message = await s.scalar(sa.select(m.Message).where(m.Message.body == "first"))
        assert message is not None
        before = (await s.get(m.User, user.id)).updated_at
        message.body = "edited"
        user.handle = "async-renamed"
        await s.commit()
        again = await s.get(m.User, user.id)
        assert again.updated_at >= before, "@updatedAt set on update"

        loaded = await s.scalar(
            sa.select(m.Conversation)
            .where(m.Conversation.id == room.id)
            .options(selectinload(m.Conversation.messages))
        )
        assert [x.body for x in loaded.messages] == ["edited"], loaded.messages
        # Cascade through the ORM: AsyncSession.delete loads what it must delete.
        await s.delete(loaded)
        await s.commit()
        left = await s.scalar(
            sa.select(sa.func.count())
            .select_from(m.Membership)
            .where(m.Membership.conversation_id == room.id)
        )
        assert left == 0, f"Cascade in async: {left} memberships left"
        await s.delete(await s.get(m.User, user.id))
        await s.commit()
    await engine.dispose()


def fill(url: str, models_name: str) -> None:
    """One row or more in every table, through the ORM, for another language to read."""
    m = importlib.import_module(models_name)
    with Session(engine_for(url)) as s:
        ada = m.User(handle="ada", role=m.Role.ADMIN, avatar=b"\x00\xff", settings={"a": 1})
        bob = m.User(handle="bob")
        room = m.Conversation(title="general")
        s.add_all([ada, bob, room])
        s.flush()
        ada.blocked.append(bob)
        s.add(m.Membership(conversation=room, user=ada))
        hello = m.Message(conversation=room, author=ada, body="hello", meta={"k": [1, 2]})
        s.add(hello)
        s.flush()
        s.add(m.Attachment(message=hello, data=b"\x89PNG", size=decimal.Decimal("12.5")))
        s.add(m.Reaction(message=hello))
        s.add(m.Device(label="phone", owner=ada, online=True, uptime=2**40))
        native = not url.startswith("sqlite")
        s.add(
            m.Reminder(
                day=datetime.date(2026, 12, 2) if native else datetime.datetime(2026, 12, 2),
                at=datetime.time(9, 30) if native else datetime.datetime(1970, 1, 1, 9, 30),
                amount=decimal.Decimal("12.50"),
            )
        )
        s.commit()
    print("fill: ok")


def create_all(url: str, models_name: str) -> None:
    m = importlib.import_module(models_name)
    m.Base.metadata.create_all(sa.create_engine(sa_url(url)))
    print("create_all: ok")


if __name__ == "__main__":
    if sys.argv[1] == "create-all":
        create_all(*sys.argv[2:4])
    elif sys.argv[1] == "fill":
        fill(*sys.argv[2:4])
    else:
        main(*sys.argv[1:5])
