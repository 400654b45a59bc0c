-- WARNING: going back loses data:
-- WARNING: dropping table `Comment`: all its rows are lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "Comment";

-- CreateTable
CREATE TABLE "Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
