"""The JSON the generated Pydantic models write, read by another language and back. Run by
tests/codegen_python.rs:

    interchange.py write SCHEMAS OUT          one document per model of the behaviour schema
    interchange.py read SCHEMAS WRITTEN BACK  BACK (another language's JSON of WRITTEN) must
                                              validate to the same models, with the same keys

A document is an object keyed by model name. Values cover every scalar type the schema has,
with the edge cases JSON shapes disagree on: mapped enum values, bytes that are not UTF-8,
milliseconds, a fractional decimal and a zero with a scale.
"""

from __future__ import annotations

import datetime
import decimal
import importlib
import json
import sys
from pathlib import Path
from typing import Any


def samples(schemas: Any, role: Any) -> dict[str, Any]:
    at = datetime.datetime(2026, 12, 2, 5, 0, 0, 123000)
    return {
        "User": schemas.UserRead(
            id="cm4user000000000000000000",
            handle="ada",
            role=role.ADMIN,
            settings={"theme": "dark", "sizes": [1, 2.5, None], "nested": {"ok": True}},
            avatar=b"\x00\xff\x10ok",
            created_at=at,
            updated_at=at + datetime.timedelta(seconds=1),
        ),
        "Conversation": schemas.ConversationRead(id=7, slug="ck2slug", title=None),
        "Membership": schemas.MembershipRead(
            conversation_id=7, user_id="cm4user000000000000000000", joined_at=at
        ),
        "Message": schemas.MessageRead(
            id="01938a7c-0000-7000-8000-000000000000",
            conversation_id=7,
            author_id=None,
            body="héllo \"quoted\" \\ back",
            meta=None,
            trace="01JE0000000000000000000000",
        ),
        "Attachment": schemas.AttachmentRead(
            id="V1StGXR8_Z5jdHi6B-myT",
            message_id="01938a7c-0000-7000-8000-000000000000",
            data=b"\x89PNG\r\n",
            size=decimal.Decimal("12.50"),
        ),
        "Reaction": schemas.ReactionRead(
            id=1, emoji="+1", message_id="01938a7c-0000-7000-8000-000000000000"
        ),
        "Device": schemas.DeviceRead(
            id="0b6b3a4e-8d2f-4c1e-9a57-2f1d6c1e8a90",
            label="phone",
            online=True,
            battery=0.25,
            uptime=2**40,
            owner_id="cm4user000000000000000000",
        ),
        "Reminder": schemas.ReminderRead(
            id=3,
            day=datetime.date(2026, 12, 2),
            at=datetime.time(9, 30, 15, 250000),
            amount=decimal.Decimal("12.50"),
            fee=decimal.Decimal("0.000"),
            remind_at=at,
        ),
    }


def main() -> None:
    action, schemas_name = sys.argv[1], sys.argv[2]
    schemas = importlib.import_module(schemas_name)
    models = importlib.import_module(schemas_name.rsplit(".", 1)[0] + ".models")
    wanted = samples(schemas, models.Role)
    if action == "write":
        document = {name: json.loads(m.model_dump_json()) for name, m in wanted.items()}
        Path(sys.argv[3]).write_text(json.dumps(document, indent=2))
        return
    written = json.loads(Path(sys.argv[3]).read_text())
    back = json.loads(Path(sys.argv[4]).read_text())
    assert set(back) == set(written), f"models: {sorted(back)} != {sorted(written)}"
    for name, model in wanted.items():
        assert set(back[name]) == set(written[name]), (
            f"{name}: keys {sorted(back[name])} != {sorted(written[name])}"
        )
        read = type(model).model_validate(back[name])
        assert read == model, f"{name}: {back[name]} reads as {read!r}, not {model!r}"
    print("interchange: ok")


if __name__ == "__main__":
    main()
