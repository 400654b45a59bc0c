-- WARNING: going back loses data:
-- WARNING: dropping table `_PlaylistToSong`: all its rows are lost

-- DropForeignKey
ALTER TABLE `_PlaylistToSong` DROP FOREIGN KEY `_PlaylistToSong_A_fkey`;

-- DropForeignKey
ALTER TABLE `_PlaylistToSong` DROP FOREIGN KEY `_PlaylistToSong_B_fkey`;

-- DropTable
DROP TABLE `_PlaylistToSong`;
