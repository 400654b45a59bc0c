-- NOTE: users.id: @db.Uuid has no sqlite equivalent; using TEXT
-- NOTE: users.email: @db.VarChar(255) has no sqlite equivalent; using TEXT
-- NOTE: users.roles: sqlite has no arrays; using JSONB
-- NOTE: users.tags: sqlite has no arrays; using JSONB
-- NOTE: users.scores: sqlite has no arrays; using JSONB
-- NOTE: users.created_at: @db.Timestamptz(6) has no sqlite equivalent; using DATETIME
-- NOTE: users.handle: @db.Text has no sqlite equivalent; using TEXT
-- NOTE: profiles.bio: @db.VarChar(500) has no sqlite equivalent; using TEXT
-- NOTE: profiles.user_id: @db.Uuid has no sqlite equivalent; using TEXT
-- NOTE: posts.title: @db.VarChar(200) has no sqlite equivalent; using TEXT
-- NOTE: posts.price: @db.Decimal(10, 2) has no sqlite equivalent; using DECIMAL
-- NOTE: posts.day: @db.Date has no sqlite equivalent; using DATETIME
-- NOTE: posts.search_text: dbgenerated("'pending'::text") is copied verbatim from a postgresql schema; check that sqlite accepts it
-- NOTE: posts.author_id: @db.Uuid has no sqlite equivalent; using TEXT
-- NOTE: posts.id: sqlite autoincrements only INTEGER primary keys; using INTEGER
-- NOTE: Comment.author_id: @db.Uuid has no sqlite equivalent; using TEXT

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'READER',
    "roles" JSONB,
    "tags" JSONB,
    "scores" JSONB,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    "handle" TEXT,
    "internal" TEXT,
    "location" POINT,
    "ulid" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "profiles" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bio" TEXT NOT NULL DEFAULT '',
    "user_id" TEXT NOT NULL,
    CONSTRAINT "profile_user_fk" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);

-- CreateTable
CREATE TABLE "posts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "slug2" TEXT NOT NULL,
    "short_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "published" BOOLEAN NOT NULL DEFAULT false,
    "views" INTEGER NOT NULL DEFAULT 0,
    "likes" BIGINT NOT NULL DEFAULT 42,
    "rating" REAL NOT NULL DEFAULT 4.5,
    "price" DECIMAL NOT NULL DEFAULT 9.99,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "cover" BLOB,
    "day" DATETIME,
    "published_at" DATETIME DEFAULT '2024-01-01 00:00:00 +00:00',
    "search_text" TEXT DEFAULT 'pending'::text,
    "author_id" TEXT,
    CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "body" TEXT NOT NULL,
    "post_id" BIGINT NOT NULL,
    "author_id" TEXT NOT NULL,
    CONSTRAINT "Comment_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Category" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL
);

-- CreateTable
CREATE TABLE "_CategoryToPost" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_CategoryToPost_A_fkey" FOREIGN KEY ("A") REFERENCES "Category" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_CategoryToPost_B_fkey" FOREIGN KEY ("B") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_ulid_key" ON "users"("ulid");

-- CreateIndex
CREATE INDEX "users_created_at_idx" ON "users"("created_at" DESC);

-- CreateIndex
CREATE INDEX "users_name_idx" ON "users" USING HASH ("name");

-- CreateIndex
CREATE UNIQUE INDEX "profiles_user_id_key" ON "profiles"("user_id");

-- CreateIndex
CREATE INDEX "posts_title_published_at_idx" ON "posts"("title", "published_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "posts_author_title_key" ON "posts"("author_id", "title");

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE UNIQUE INDEX "_CategoryToPost_AB_unique" ON "_CategoryToPost"("A", "B");

-- CreateIndex
CREATE INDEX "_CategoryToPost_B_index" ON "_CategoryToPost"("B");
