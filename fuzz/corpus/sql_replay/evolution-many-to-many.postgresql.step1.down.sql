-- WARNING: going back loses data:
-- WARNING: dropping table `Song`: all its rows are lost
-- WARNING: dropping table `Playlist`: all its rows are lost

-- DropTable
DROP TABLE "Song";

-- DropTable
DROP TABLE "Playlist";
