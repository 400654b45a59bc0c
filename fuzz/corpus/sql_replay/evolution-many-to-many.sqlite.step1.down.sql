-- WARNING: going back loses data:
-- WARNING: dropping table `Song`: all its rows are lost
-- WARNING: dropping table `Playlist`: all its rows are lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "Song";

-- DropTable
DROP TABLE "Playlist";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
