"""tether's MongoDB output against a MongoDB wire-protocol server (SecantusDB, started here on a
free port, data in memory), through PyMongo, for tests/mongodb.rs.

    check.py PROJECT MODULE        the migrations folder PROJECT/migrations and the generated
                                   documents module MODULE (importable from PROJECT)
    check.py --apply URL PROJECT   only run PROJECT's migrations (migration.json, in order)
                                   against the database of URL, on a server already running
    check.py --drift URL           make drift by hand in that database (see `make_drift`)
    check.py --insert URL COLL DOC insert the JSON document DOC into collection COLL

What it checks, failing with a message on the first thing that does not hold:
- every migration's commands (migration.json, in folder order) run as they are written;
- the collections then have the validators, validation settings and indexes the commands say
  (listCollections, listIndexes), text indexes aside (the server has none: said on stdout);
- documents the generated models write (`model_dump(by_alias=True)`) go in, come back and
  validate as the model again, ObjectIds and nested documents included, and round-trip
  through BSON encoding;
- documents that break the schema (a missing required field, a wrong type, a value outside an
  enum, a wrong type inside an embedded document or a list of them) are refused with error 121;
- a `$nor`/`$jsonSchema` query finds exactly the document let in without validation;
- each migration's down.json, newest first, runs and leaves no collection behind.
"""

import datetime
import importlib
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import bson
from bson import SON, ObjectId
from pymongo import MongoClient
from pymongo.errors import OperationFailure


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def commands(path: Path) -> list[SON[str, Any]]:
    """The commands of a migration file, each with its keys in their written order."""
    doc = json.loads(path.read_text(), object_pairs_hook=SON)
    return list(doc["commands"])


def run_commands(db: Any, path: Path, skipped: list[str]) -> None:
    for command in commands(path):
        if "createIndexes" in command:
            text = [i for i in command["indexes"] if "text" in i["key"].values()]
            if text:
                skipped.extend(f"{command['createIndexes']}.{i['name']}" for i in text)
                command["indexes"] = [i for i in command["indexes"] if i not in text]
                if not command["indexes"]:
                    continue
        if "dropIndexes" in command:
            names = command["index"] if isinstance(command["index"], list) else [command["index"]]
            if any(n in skipped_names(skipped) for n in names):
                continue
        try:
            db.command(command)
        except OperationFailure as e:
            fail(f"{path}: {json.dumps(command, default=str)[:300]}... failed: {e}")


def skipped_names(skipped: list[str]) -> set[str]:
    return {s.split(".", 1)[1] for s in skipped}


def expect_indexes(db: Any, folder_indexes: dict[str, dict[str, Any]], skipped: list[str]) -> None:
    for name, wanted in folder_indexes.items():
        found = {
            i["name"]: (list(i["key"].items()), bool(i.get("unique", False)))
            for i in db[name].list_indexes()
            if i["name"] != "_id_"
        }
        want = {
            i["name"]: (list(i["key"].items()), bool(i.get("unique", False)))
            for i in wanted.values()
            if i["name"] not in skipped_names(skipped)
        }
        if found != want:
            fail(f"{name}: indexes {found} differ from the migrations' {want}")


def built_state(migrations: list[Path]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """What the folder's commands say: validators and indexes by collection."""
    validators: dict[str, Any] = {}
    indexes: dict[str, dict[str, Any]] = {}
    for m in migrations:
        for c in commands(m / "migration.json"):
            if "create" in c or "collMod" in c:
                name = c.get("create") or c.get("collMod")
                validators[name] = (
                    c["validator"].get("$jsonSchema"),
                    c["validationLevel"],
                    c["validationAction"],
                )
                indexes.setdefault(name, {})
            elif "createIndexes" in c:
                for i in c["indexes"]:
                    indexes[c["createIndexes"]][i["name"]] = i
            elif "dropIndexes" in c:
                names = c["index"] if isinstance(c["index"], list) else [c["index"]]
                for n in names:
                    indexes[c["dropIndexes"]].pop(n, None)
            elif "drop" in c:
                validators.pop(c["drop"], None)
                indexes.pop(c["drop"], None)
    return validators, indexes


def plain(value: Any) -> Any:
    """A document as plain JSON-comparable data (SON and dict alike)."""
    return json.loads(json.dumps(value, default=str))


def refused(collection: Any, document: dict[str, Any], what: str) -> None:
    try:
        collection.insert_one(document)
    except OperationFailure as e:
        if e.code != 121:
            fail(f"{what}: refused with code {e.code}, not 121 (document validation): {e}")
        return
    fail(f"{what}: the validator let it in: {document}")


def main(project: Path, module_name: str) -> None:
    sys.path.insert(0, str(project))
    docs = importlib.import_module(module_name)
    migrations = sorted(p for p in (project / "migrations").iterdir() if (p / "migration.json").is_file())
    if not migrations:
        fail("no migration folder with a migration.json")
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "secantusd-py"),
            "--host", "127.0.0.1", "--port", str(port),
            "--storage-path", ":memory:", "--standalone", "--log-level", "WARNING",
        ]
    )
    try:
        client: MongoClient[dict[str, Any]] = MongoClient(
            f"mongodb://127.0.0.1:{port}/?directConnection=true",
            serverSelectionTimeoutMS=30000,
            tz_aware=True,
        )
        client.admin.command("ping")
        db = client["tether_check"]
        skipped: list[str] = []
        for m in migrations:
            run_commands(db, m / "migration.json", skipped)
        validators, indexes = built_state(migrations)
        listed = {c["name"]: c["options"] for c in db.list_collections()}
        if set(listed) != set(validators):
            fail(f"collections {sorted(listed)} differ from the migrations' {sorted(validators)}")
        for name, (schema, level, action) in validators.items():
            options = listed[name]
            got = (options.get("validator", {}).get("$jsonSchema"), options.get("validationLevel"), options.get("validationAction"))
            if plain(got) != plain((schema, level, action)):
                fail(f"{name}: the server holds {got}, the migrations say {(schema, level, action)}")
        expect_indexes(db, indexes, skipped)
        for s in skipped:
            print(f"not checked here: text index {s} (the server has no text indexes)")
        check_documents(db, docs)
        for m in reversed(migrations):
            run_commands(db, m / "down.json", skipped)
        left = db.list_collection_names()
        if left:
            fail(f"down.json left collections behind: {left}")
        print(f"checked {len(migrations)} migration(s) up and down, {len(validators)} collection(s)")
    finally:
        server.terminate()
        server.wait(20)


def check_documents(db: Any, docs: Any) -> None:
    """The chat fixture's documents: valid ones through the models, invalid ones refused."""
    # Time-zone aware, as the models' own defaults are and as the client reads them back.
    now = datetime.datetime(2026, 12, 1, 9, 30, 15, 123000, tzinfo=datetime.UTC)
    alice = docs.User.model_validate(
        {
            "email": "alice@example.com",
            "display_name": "Alice",
            "settings": {"theme": "dark", "notify": False, "mutedUntil": now},
            "tags": ["admin"],
            "karma": 12,
            "createdAt": now,
            "conversationIds": [],
        }
    )
    room = docs.Conversation.model_validate(
        {"kind": "GROUP", "title": "general", "memberIds": [alice.id], "updatedAt": now}
    )
    message = docs.Message.model_validate(
        {
            "conversationId": room.id,
            "authorId": alice.id,
            "body": "hello",
            "attachments": [
                {"kind": "url", "url": "https://example.com", "thumbnail": {"url": "t.png", "width": 64, "height": 48}},
                {"kind": "IMAGE", "url": "a.png", "bytes": 2048},
            ],
            "reactions": [{"emoji": ":+1:", "userId": alice.id, "at": now}],
            "metadata": {"client": "web", "retries": [1, 2]},
            "sentAt": now,
        }
    )
    for model in (alice, room, message):
        collection = db[type(model).COLLECTION]
        written = model.model_dump(by_alias=True)
        if not isinstance(written["_id"], ObjectId):
            fail(f"{type(model).__name__}: _id is written as {type(written['_id'])}, not an ObjectId")
        collection.insert_one(written)
        back = collection.find_one({"_id": written["_id"]})
        if type(model).model_validate(back) != model:
            fail(f"{type(model).__name__}: read back as {back}, not {written}")
        encoded = bson.decode(bson.encode(written), codec_options=bson.CodecOptions(tz_aware=True))
        if type(model).model_validate(encoded) != model:
            fail(f"{type(model).__name__}: does not round-trip through BSON: {encoded}")
        json_back = type(model).model_validate_json(model.model_dump_json(by_alias=True))
        if json_back != model:
            fail(f"{type(model).__name__}: does not round-trip through JSON")
    users, messages = db["users"], db["messages"]
    # Prisma writes an Int as int64 (since 5.15): the validator takes it.
    messages.insert_one(
        {
            **message.model_dump(by_alias=True),
            "_id": ObjectId(),
            "attachments": [
                {"kind": "FILE", "url": "f", "bytes": bson.Int64(5),
                 "thumbnail": {"url": "t", "width": bson.Int64(1), "height": 2}}
            ],
        }
    )
    # A field the schema does not name (other code's) survives a read and a write back.
    extra = docs.User.model_validate({**alice.model_dump(by_alias=True), "legacyFlag": True})
    if extra.model_dump(by_alias=True).get("legacyFlag") is not True:
        fail("a field the schema does not name was lost on the way through the model")
    good_user = alice.model_dump(by_alias=True)
    bad = lambda **changes: {**good_user, "_id": ObjectId(), "email": f"{ObjectId()}@x", **changes}  # noqa: E731
    without_email = bad()
    del without_email["email"]
    refused(users, without_email, "a user without its required email")
    refused(users, bad(karma="lots"), "a string where a BigInt goes")
    refused(users, bad(settings={"theme": "dark", "notify": "yes"}), "a string where an embedded Boolean goes")
    refused(users, bad(conversationIds=["not an id"]), "a string in a list of ObjectIds")
    good_message = message.model_dump(by_alias=True)
    refused(messages, {**good_message, "_id": ObjectId(), "attachments": [{"kind": "VIDEO", "url": "v"}]}, "a value outside an embedded enum")
    refused(messages, {**good_message, "_id": ObjectId(), "reactions": [{"emoji": "x", "userId": "alice", "at": now}]}, "a string for an ObjectId in a list of embedded documents")
    refused(messages, {**good_message, "_id": ObjectId(), "sentAt": "yesterday"}, "a string where a DateTime goes")
    refused(db["conversations"], {**room.model_dump(by_alias=True), "_id": ObjectId(), "kind": "PRIVATE"}, "a value outside an enum")
    # Let one in past the validator: the $jsonSchema query finds it, and only it.
    stray = {**good_user, "_id": ObjectId(), "email": "stray@example.com", "karma": "lots"}
    users.insert_one(stray, bypass_document_validation=True)
    schema = {c["name"]: c["options"] for c in db.list_collections()}["users"]["validator"]["$jsonSchema"]
    found = list(users.find({"$nor": [{"$jsonSchema": schema}]}))
    if [d["_id"] for d in found] != [stray["_id"]]:
        fail(f"the $nor/$jsonSchema query found {found}, not only the stray document")
    if alice.preferences != {"lang": "en", "digest": [1, 7]} or alice.trial_ends_at.year != 2030:
        fail(f"the schema's Json and DateTime defaults: {alice.preferences!r}, {alice.trial_ends_at!r}")
    print("documents: written by the models, read back, refused where they break the schema")


def make_drift(db: Any) -> None:
    """One of each kind check-drift reports: an index gone, a validator's settings changed, a
    collection the schema does not have, a document the validator would refuse."""
    db["users"].drop_index("users_email_key")
    db.command(SON([("collMod", "messages"), ("validationAction", "warn")]))
    db.create_collection("strays")
    db["users"].insert_one({"email": "stray@example.com", "karma": "lots"}, bypass_document_validation=True)


if __name__ == "__main__":
    if sys.argv[1] in ("--apply", "--drift", "--insert"):
        database = MongoClient(sys.argv[2], serverSelectionTimeoutMS=30000).get_default_database()
        if sys.argv[1] == "--apply":
            folders = sorted(p for p in (Path(sys.argv[3]) / "migrations").iterdir() if (p / "migration.json").is_file())
            for folder in folders:
                run_commands(database, folder / "migration.json", [])
        elif sys.argv[1] == "--insert":
            database[sys.argv[3]].insert_one(json.loads(sys.argv[4]))
        else:
            make_drift(database)
    else:
        main(Path(sys.argv[1]), sys.argv[2])
