"""Checks tether's generated Python against real databases; run by tests/codegen_python.rs.

Every command prints what it found and exits 1 when the check fails, so that the Rust test can
show the Python traceback or the differences as they are.

    driver.py compare-models URL MODULE          Alembic's compare_metadata must find nothing
    driver.py alembic URL VERSIONS upgrade|downgrade REVISION
    driver.py catalog URL OUT.json               the database's catalog, normalized, as JSON
    driver.py empty URL                          fails unless only tool tables are left
    driver.py roundtrip URL MODELS SCHEMAS       insert rows with relations, read them back
                                                 (Session and AsyncSession), validate them
                                                 through the Pydantic read models
"""

from __future__ import annotations

import asyncio
import datetime
import decimal
import enum
import importlib
import json
import pprint
import sys
import uuid
import warnings
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mysql, postgresql
from sqlalchemy.ext.asyncio import AsyncAttrs, AsyncSession, create_async_engine
from sqlalchemy.orm import Mapper, RelationshipDirection, Session, configure_mappers

# Tables that migration tools keep for themselves.
TOOL_TABLES = {"_tether_migrations", "_prisma_migrations", "alembic_version"}

HERE = Path(__file__).resolve().parent


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(1)


def sa_url(url: str, asynchronous: bool = False) -> str:
    """tether's URL (`postgresql://`, `mysql://`, `file:./dev.db`) as SQLAlchemy's, with the
    pinned drivers."""
    for prefix in ("file:", "sqlite:"):
        if url.startswith(prefix) and not url.startswith("sqlite://"):
            path = Path(url[len(prefix) :].split("?")[0]).resolve()
            driver = "+aiosqlite" if asynchronous else ""
            return f"sqlite{driver}:///{path}"
    scheme, rest = url.split("://", 1)
    base = scheme.split("+")[0]
    if base in ("postgres", "postgresql"):
        return f"postgresql+{'psycopg_async' if asynchronous else 'psycopg'}://{rest}"
    if base in ("mysql", "mariadb"):
        return f"mysql+{'asyncmy' if asynchronous else 'pymysql'}://{rest}"
    if base == "sqlite":
        return f"sqlite{'+aiosqlite' if asynchronous else ''}://{rest}"
    return url


def engine(url: str) -> sa.Engine:
    return sa.create_engine(sa_url(url), poolclass=sa.pool.NullPool)


def load(module: str) -> Any:
    # A model that SQLAlchemy warns about (overlapping relationships, ...) is a generator bug.
    with warnings.catch_warnings():
        warnings.simplefilter("error", sa.exc.SAWarning)
        mod = importlib.import_module(module)
        configure_mappers()
    return mod


# --- compare-models ------------------------------------------------------------------------------


def is_empty_text(default: Any) -> bool:
    """A default that is the empty string, however Alembic hands it over."""
    value = getattr(default, "arg", default)
    value = getattr(value, "text", value)
    while isinstance(value, str) and value.startswith("(") and value.endswith(")"):
        value = value[1:-1]
    return value in ("''", '""', "")


def compare_models(url: str, module: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    models = load(module)
    eng = engine(url)

    # multiSchema models name their database schemas; Alembic compares those (and only
    # those) with `include_schemas`, as a user's env.py sets it.
    schemas = {t.schema for t in models.Base.metadata.tables.values() if t.schema}

    def include_name(name: str | None, type_: str, parent: Any) -> bool:
        if type_ == "schema":
            return name is None or name in schemas
        return not (type_ == "table" and name in TOOL_TABLES)

    # MySQL rewrites defaults in its catalog (true -> 1, 1.5 -> 1.500...), which Alembic then
    # reports as changes; its defaults are compared by the catalog check instead.
    # PostgreSQL's json (not jsonb) has no `=`, which Alembic's comparison query uses: those
    # defaults too are left to the catalog check (a user's env.py does the same).
    def compare_defaults(
        context: Any,
        inspected: Any,
        metadata: Any,
        inspected_default: Any,
        metadata_default: Any,
        rendered: Any,
    ) -> bool | None:
        if eng.dialect.name == "mysql":
            return False
        if isinstance(metadata.type, sa.JSON) and not isinstance(metadata.type, postgresql.JSONB):
            return False
        # Alembic unquotes a default with a pattern that needs one character, so the empty
        # string never equals itself on SQLite.
        if is_empty_text(inspected_default) and is_empty_text(metadata_default):
            return False
        return None

    opts: dict[str, Any] = {
        "compare_type": True,
        "compare_server_default": compare_defaults,
        "include_name": include_name,
        "include_schemas": bool(schemas),
    }
    # Indexes that exist on some dialects only (see the models' include_object_for).
    include_object_for = getattr(models, "include_object_for", None)
    if include_object_for is not None:
        opts["include_object"] = include_object_for(eng.dialect.name)
    with eng.connect() as conn:
        context = MigrationContext.configure(conn, opts=opts)
        diffs = compare_metadata(context, models.Base.metadata)
    if diffs:
        fail("compare_metadata found differences:\n" + pprint.pformat(diffs, width=100))
    print(f"compare_metadata: no differences ({len(models.Base.metadata.tables)} tables)")


# --- alembic -------------------------------------------------------------------------------------


def run_alembic(url: str, versions: str, action: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE / "alembic"))
    config.set_main_option("version_locations", str(Path(versions).resolve()))
    config.set_main_option("path_separator", "os")
    config.attributes["url"] = sa_url(url)
    if action == "upgrade":
        command.upgrade(config, revision)
    elif action == "downgrade":
        command.downgrade(config, revision)
    else:
        fail(f"unknown alembic action {action}")
    print(f"alembic {action} {revision}: done")


# --- catalog -------------------------------------------------------------------------------------


def type_text(ty: sa.types.TypeEngine[Any], dialect: sa.Dialect) -> str:
    if isinstance(ty, sa.types.NullType):
        return "(unrecognized)"
    return ty.compile(dialect=dialect)


def user_schemas(inspector: Any) -> list[str | None]:
    """The default schema (None), and on PostgreSQL every other schema a migration made."""
    if inspector.dialect.name != "postgresql":
        return [None]
    system = {"information_schema", inspector.default_schema_name}
    others = [
        s for s in inspector.get_schema_names() if s not in system and not s.startswith("pg_")
    ]
    return [None, *sorted(others)]


def catalog(url: str) -> dict[str, Any]:
    eng = engine(url)
    inspector = sa.inspect(eng)
    dialect = eng.dialect
    out: dict[str, Any] = {"tables": {}}
    tables = [
        (schema, name)
        for schema in user_schemas(inspector)
        for name in sorted(inspector.get_table_names(schema=schema))
        if name not in TOOL_TABLES
    ]
    for schema, name in tables:
        key = name if schema is None else f"{schema}.{name}"
        columns = []
        for c in inspector.get_columns(name, schema=schema):
            default = c.get("default")
            columns.append(
                {
                    "name": c["name"],
                    "type": type_text(c["type"], dialect),
                    "nullable": c["nullable"],
                    "default": None if default is None else str(default),
                }
            )
        pk = inspector.get_pk_constraint(name, schema=schema)
        fks = sorted(
            (
                {
                    "name": fk.get("name"),
                    "columns": fk["constrained_columns"],
                    "table": fk["referred_table"],
                    "schema": fk.get("referred_schema"),
                    "referred": fk["referred_columns"],
                    "options": {
                        k: v for k, v in sorted(fk.get("options", {}).items()) if v
                    },
                }
                for fk in inspector.get_foreign_keys(name, schema=schema)
            ),
            key=lambda f: str(f["name"]),
        )
        indexes = sorted(
            (
                {
                    "name": ix["name"],
                    "columns": ix["column_names"],
                    "unique": bool(ix["unique"]),
                    "sorting": {
                        k: list(v) for k, v in ix.get("column_sorting", {}).items()
                    },
                }
                for ix in inspector.get_indexes(name, schema=schema)
            ),
            key=lambda i: str(i["name"]),
        )
        uniques = sorted(
            (
                {"name": u["name"], "columns": u["column_names"]}
                for u in inspector.get_unique_constraints(name, schema=schema)
            ),
            key=lambda u: str(u["name"]),
        )
        out["tables"][key] = {
            "columns": columns,
            "primary_key": {
                "name": pk.get("name"),
                "columns": pk.get("constrained_columns"),
            },
            "foreign_keys": fks,
            "indexes": indexes,
            "unique_constraints": uniques,
        }
    if dialect.name == "postgresql":
        out["enums"] = sorted(
            (
                {"name": e["name"], "schema": e.get("schema"), "labels": e["labels"]}
                for e in inspector.get_enums(schema="*")
            ),
            key=lambda e: (str(e["schema"]), str(e["name"])),
        )
    return out


def write_catalog(url: str, path: str) -> None:
    Path(path).write_text(json.dumps(catalog(url), indent=2, sort_keys=True) + "\n")
    print(f"catalog written to {path}")


def empty(url: str) -> None:
    """Fails unless only migration tools' tables (and, on PostgreSQL, no enum types) are left."""
    inspector = sa.inspect(engine(url))
    left = [
        t
        for schema in user_schemas(inspector)
        for t in inspector.get_table_names(schema=schema)
        if t not in TOOL_TABLES
    ]
    if inspector.dialect.name == "postgresql":
        left += [f"enum {e['name']}" for e in inspector.get_enums(schema="*")]
    if left:
        fail(f"not empty: {', '.join(sorted(left))}")
    print("empty: no tables but the migration tools' own")


# --- roundtrip -----------------------------------------------------------------------------------


class Values:
    """Sample values for columns, distinct per call so that unique indexes hold."""

    def __init__(self) -> None:
        self.n = 0

    def for_type(self, ty: sa.types.TypeEngine[Any]) -> Any:
        self.n += 1
        n = self.n
        enum_class = getattr(ty, "enum_class", None)
        if isinstance(enum_class, type) and issubclass(enum_class, enum.Enum):
            return list(enum_class)[n % len(list(enum_class))]
        if isinstance(ty, sa.ARRAY):
            return [self.for_type(ty.item_type)]
        if isinstance(ty, sa.Uuid):
            return str(uuid.uuid4()) if not ty.as_uuid else uuid.uuid4()
        if isinstance(ty, sa.JSON):
            return {"n": n, "list": [1, "two", None]}
        if isinstance(ty, mysql.YEAR):
            # YEAR holds 1901 to 2155 (an integer on the other databases).
            return 1901 + n % 255
        try:
            python_type = ty.python_type
        except NotImplementedError:
            return None
        if python_type is bool:
            return n % 2 == 0
        if python_type is int:
            return n
        if python_type is float:
            return n + 0.5
        if python_type is decimal.Decimal:
            return decimal.Decimal(f"{n}.25")
        if python_type is datetime.datetime:
            return datetime.datetime(2024, 1, 2, 3, 4, 5, 123000)
        if python_type is datetime.date:
            return datetime.date(2024, 1, 2)
        if python_type is datetime.time:
            return datetime.time(3, 4, 5)
        if python_type is bytes:
            return bytes([0, 1, 2, n % 256])
        if python_type is str:
            length = getattr(ty, "length", None) or 30
            return f"v{n}-{uuid.uuid4().hex}"[:length]
        return None


class Builder:
    """Builds a root object of a model with every relation it can have filled in."""

    def __init__(self, values: Values) -> None:
        # One sequence for the whole run: the async pass must not reuse the sync pass's keys.
        self.values = values
        self.shared: dict[type, Any] = {}
        self.written: dict[int, dict[str, Any]] = {}

    def scalars(self, mapper: Mapper[Any], obj: Any) -> None:
        fk_columns = {c for fk_col in mapper.local_table.foreign_keys for c in [fk_col.parent]}
        # Without foreign keys (relationMode = "prisma") the relationships say which columns
        # point at a parent: the relationship fills them.
        fk_columns |= {
            c
            for rel in mapper.relationships
            if rel.direction is RelationshipDirection.MANYTOONE
            for c in rel.local_columns
        }
        written = {}
        for attr in mapper.column_attrs:
            column = attr.columns[0]
            if column in fk_columns:
                continue
            if column.server_default is not None or column.default is not None:
                continue
            if column.autoincrement is True:
                continue
            value = self.values.for_type(column.type)
            if value is None:
                continue
            setattr(obj, attr.key, value)
            written[attr.key] = value
        self.written[id(obj)] = written

    def build(self, cls: type, root: bool) -> Any:
        if not root and cls in self.shared:
            return self.shared[cls]
        mapper = sa.inspect(cls)
        obj = cls()
        if not root:
            self.shared[cls] = obj
        self.scalars(mapper, obj)
        for rel in mapper.relationships:
            target = rel.mapper.class_
            if rel.direction is RelationshipDirection.MANYTOONE:
                required = any(not c.nullable for c in rel.local_columns)
                if target is cls or not (required or root):
                    continue
                setattr(obj, rel.key, self.build(target, False))
            elif root and rel.direction is RelationshipDirection.MANYTOMANY and target is not cls:
                getattr(obj, rel.key).append(self.build(target, False))
        return obj


def primary_key(obj: Any) -> tuple[Any, ...]:
    return sa.inspect(obj).identity or ()


def check_read_back(builder: Builder, obj: Any, loaded: Any, schemas: Any) -> None:
    for key, value in builder.written[id(obj)].items():
        got = getattr(loaded, key)
        if isinstance(value, (str, int, bool, enum.Enum, bytes, decimal.Decimal, list)):
            if got != value:
                fail(f"{type(obj).__name__}.{key}: wrote {value!r}, read back {got!r}")
    read_model = getattr(schemas, f"{type(loaded).__name__}Read")
    validated = read_model.model_validate(loaded)
    print(f"  {type(loaded).__name__}Read: {validated!r}"[:300])


def roundtrip_sync(url: str, models: Any, schemas: Any, values: Values) -> None:
    eng = engine(url)
    for mapper in sorted(models.Base.registry.mappers, key=lambda m: m.class_.__name__):
        cls = mapper.class_
        builder = Builder(values)
        root = builder.build(cls, True)
        with Session(eng) as session:
            session.add(root)
            session.commit()
            key = primary_key(root)
        with Session(eng) as session:
            loaded = session.get(cls, key)
            if loaded is None:
                fail(f"{cls.__name__}: row {key} not found after insert")
            check_read_back(builder, root, loaded, schemas)
            for rel in mapper.relationships:
                related = getattr(loaded, rel.key)
                for item in related if rel.uselist else [related]:
                    if item is not None:
                        check_read_back(builder, item, item, schemas) if id(
                            item
                        ) in builder.written else None
            print(f"Session: {cls.__name__} {key} written and read back")


async def roundtrip_async(url: str, models: Any, schemas: Any, values: Values) -> None:
    eng = create_async_engine(sa_url(url, asynchronous=True), poolclass=sa.pool.NullPool)
    try:
        for mapper in sorted(models.Base.registry.mappers, key=lambda m: m.class_.__name__):
            cls = mapper.class_
            builder = Builder(values)
            root = builder.build(cls, True)
            async with AsyncSession(eng) as session:
                session.add(root)
                await session.commit()
                key = primary_key(root)
            async with AsyncSession(eng) as session:
                loaded = await session.get(cls, key)
                if loaded is None:
                    fail(f"{cls.__name__}: row {key} not found after insert (async)")
                check_read_back(builder, root, loaded, schemas)
                for rel in mapper.relationships:
                    # `[python] asyncio = true` gives the models `awaitable_attrs`; without it
                    # an AsyncSession loads relationships by name.
                    if isinstance(loaded, AsyncAttrs):
                        await getattr(loaded.awaitable_attrs, rel.key)
                    else:
                        await session.refresh(loaded, [rel.key])
                print(f"AsyncSession: {cls.__name__} {key} written and read back")
    finally:
        await eng.dispose()


def roundtrip(url: str, models_name: str, schemas_name: str) -> None:
    models = load(models_name)
    schemas = importlib.import_module(schemas_name)
    values = Values()
    roundtrip_sync(url, models, schemas, values)
    asyncio.run(roundtrip_async(url, models, schemas, values))


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "compare-models":
        compare_models(*args)
    elif command == "alembic":
        run_alembic(*args)
    elif command == "catalog":
        write_catalog(*args)
    elif command == "empty":
        empty(*args)
    elif command == "roundtrip":
        roundtrip(*args)
    else:
        fail(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
