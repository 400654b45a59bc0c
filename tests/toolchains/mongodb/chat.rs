//! The chat schema's generated Rust structs (`src/generated/documents.rs`) read documents as
//! the database holds them and write them back the same, through the `bson` crate: compiled
//! into the check crate by tests/mongodb.rs with the `mongodb` feature.

use crate::generated::documents::*;
use bson::{doc, oid::ObjectId, Bson, DateTime};

#[test]
fn a_message_as_the_database_holds_it_reads_and_writes_back_the_same() {
    let (id, author, room) = (ObjectId::new(), ObjectId::new(), ObjectId::new());
    let at = DateTime::from_millis(1_764_581_415_123);
    let stored = doc! {
        "_id": id,
        "conversationId": room,
        "authorId": author,
        "body": "hello",
        "attachments": [
            {
                "kind": "url",
                "url": "https://example.com",
                "bytes": Bson::Null,
                "thumbnail": { "url": "t.png", "width": 64, "height": 48 },
            },
            { "kind": "IMAGE", "url": "a.png", "bytes": 2048, "thumbnail": Bson::Null },
        ],
        "reactions": [{ "emoji": ":+1:", "userId": author, "at": at }],
        "metadata": { "client": "web", "retries": [1, 2] },
        "score": 1.5,
        "pinned": false,
        "sentAt": at,
        "editedAt": Bson::Null,
    };
    let message: Message = bson::from_document(stored.clone()).unwrap();
    assert_eq!(message.id, id);
    assert_eq!(message.attachments[0].kind, AttachmentKind::Link);
    assert_eq!(message.attachments[1].bytes, Some(2048));
    assert_eq!(message.reactions[0].user_id, author);
    assert_eq!(message.sent_at, at);
    assert_eq!(Message::COLLECTION, "messages");
    assert_eq!(bson::to_document(&message).unwrap(), stored);
}

#[test]
fn a_user_written_before_its_lists_and_optional_fields_existed_still_reads() {
    let stored = doc! {
        "_id": ObjectId::new(),
        "email": "a@example.com",
        "display_name": "A",
        "karma": 7_i64,
        "createdAt": DateTime::from_millis(0),
        "preferences": { "lang": "en" },
        "trialEndsAt": DateTime::from_millis(0),
    };
    let user: User = bson::from_document(stored).unwrap();
    assert!(user.tags.is_empty() && user.conversation_ids.is_empty() && user.settings.is_none());
    assert_eq!(user.karma, 7);
}

#[test]
fn a_value_outside_the_enum_is_an_error() {
    let stored = doc! { "kind": "VIDEO", "url": "v" };
    assert!(bson::from_document::<Attachment>(stored).is_err());
}
