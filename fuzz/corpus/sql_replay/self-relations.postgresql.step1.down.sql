-- WARNING: going back loses data:
-- WARNING: dropping table `Person`: all its rows are lost
-- WARNING: dropping table `Task`: all its rows are lost
-- WARNING: dropping table `_Friends`: all its rows are lost

-- DropForeignKey
ALTER TABLE "Person" DROP CONSTRAINT "Person_manager_id_fkey";

-- DropForeignKey
ALTER TABLE "Person" DROP CONSTRAINT "Person_mentor_id_fkey";

-- DropForeignKey
ALTER TABLE "Task" DROP CONSTRAINT "Task_author_id_fkey";

-- DropForeignKey
ALTER TABLE "Task" DROP CONSTRAINT "Task_assignee_id_fkey";

-- DropForeignKey
ALTER TABLE "_Friends" DROP CONSTRAINT "_Friends_A_fkey";

-- DropForeignKey
ALTER TABLE "_Friends" DROP CONSTRAINT "_Friends_B_fkey";

-- DropTable
DROP TABLE "Person";

-- DropTable
DROP TABLE "Task";

-- DropTable
DROP TABLE "_Friends";
