-- NOTE: Self.id: @db.Uuid has no sqlite equivalent; using TEXT
-- NOTE: Self.prototype: sqlite has no arrays; using JSONB
-- NOTE: Self.day: @db.Date has no sqlite equivalent; using DATETIME
-- NOTE: Self.time: @db.Time(6) has no sqlite equivalent; using DATETIME
-- NOTE: Self.zone: @db.Timetz(6) has no sqlite equivalent; using DATETIME
-- NOTE: Self.anEvenLongerFieldNameThatDoesNotFitEvenWhenItsTypeMovesToTheNextLineOfAll: sqlite has no arrays; using JSONB
-- NOTE: Self.kinds: sqlite has no arrays; using JSONB
-- NOTE: Self.parentId: @db.Uuid has no sqlite equivalent; using TEXT
-- NOTE: Date.when: @db.Date has no sqlite equivalent; using DATETIME

-- CreateTable
CREATE TABLE "Self" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "prénom" TEXT NOT NULL,
    "Self" INTEGER NOT NULL,
    "crate" INTEGER NOT NULL,
    "super" INTEGER NOT NULL,
    "fn" INTEGER NOT NULL,
    "async" BOOLEAN NOT NULL,
    "await" BOOLEAN NOT NULL,
    "class" TEXT,
    "constructor" TEXT,
    "prototype" JSONB,
    "toString" TEXT NOT NULL,
    "creation_time" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at_too" DATETIME NOT NULL,
    "userID" INTEGER NOT NULL,
    "café" TEXT NOT NULL,
    "naïve" DECIMAL NOT NULL,
    "day" DATETIME NOT NULL,
    "time" DATETIME,
    "zone" DATETIME,
    "payload" JSONB NOT NULL,
    "blob" BLOB NOT NULL,
    "aVeryLongFieldNameThatPushesTheTypeOntoTheNextLineWhenFormatted" TEXT,
    "anEvenLongerFieldNameThatDoesNotFitEvenWhenItsTypeMovesToTheNextLineOfAll" JSONB,
    "aFieldWhoseRustTypeIsTooLongForOneLineOfRustfmtsHundredColumnsAtAll" DATETIME,
    "kind" TEXT NOT NULL,
    "kinds" JSONB,
    "option" TEXT,
    "internal" TEXT NOT NULL DEFAULT 'hidden',
    "position" POINT,
    "typeModelId" INTEGER NOT NULL,
    "parentId" TEXT,
    CONSTRAINT "Self_typeModelId_fkey" FOREIGN KEY ("typeModelId") REFERENCES "Type_" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Self_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Self" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Date" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" DATETIME NOT NULL,
    "when" DATETIME
);

-- CreateTable
CREATE TABLE "Option" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "value" TEXT
);

-- CreateTable
CREATE TABLE "JsonValue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "value" JSONB NOT NULL
);

-- CreateTable
CREATE TABLE "Café" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "crème" TEXT NOT NULL,
    "brûlée" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "日本" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "名前" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Index" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT
);

-- CreateTable
CREATE TABLE "lower_user" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT
);

-- CreateTable
CREATE TABLE "upper_user" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT
);

-- CreateTable
CREATE TABLE "Type_" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT
);
