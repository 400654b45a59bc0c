-- CreateTable
CREATE TABLE "Item" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "legacy" TEXT,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "note" TEXT NOT NULL,
    "price" INTEGER
);
