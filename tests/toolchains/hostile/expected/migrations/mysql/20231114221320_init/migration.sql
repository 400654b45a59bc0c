-- NOTE: Self.id: @db.Uuid has no mysql equivalent; using VARCHAR(191)
-- NOTE: Self.prototype: mysql has no arrays; using JSON
-- NOTE: Self.zone: @db.Timetz(6) has no mysql equivalent; using DATETIME(3)
-- NOTE: Self.anEvenLongerFieldNameThatDoesNotFitEvenWhenItsTypeMovesToTheNextLineOfAll: mysql has no arrays; using JSON
-- NOTE: Self.kinds: mysql has no arrays; using JSON
-- NOTE: Self.parentId: @db.Uuid has no mysql equivalent; using VARCHAR(191)
-- NOTE: `anEvenLongerFieldNameThatDoesNotFitEvenWhenItsTypeMovesToTheNextLineOfAll` is longer than 64 bytes; mysql keeps `anEvenLongerFieldNameThatDoesNotFitEvenWhenItsTypeMovesToTheNext`
-- NOTE: `aFieldWhoseRustTypeIsTooLongForOneLineOfRustfmtsHundredColumnsAtAll` is longer than 64 bytes; mysql keeps `aFieldWhoseRustTypeIsTooLongForOneLineOfRustfmtsHundredColumnsAt`

-- CreateTable
CREATE TABLE `Self` (
    `id` VARCHAR(191) NOT NULL,
    `type` VARCHAR(191) NOT NULL,
    `prénom` VARCHAR(191) NOT NULL,
    `Self` INTEGER NOT NULL,
    `crate` INTEGER NOT NULL,
    `super` INTEGER NOT NULL,
    `fn` INTEGER NOT NULL,
    `async` BOOLEAN NOT NULL,
    `await` BOOLEAN NOT NULL,
    `class` VARCHAR(191),
    `constructor` VARCHAR(191),
    `prototype` JSON,
    `toString` VARCHAR(191) NOT NULL,
    `creation_time` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `created_at_too` DATETIME(3) NOT NULL,
    `userID` INTEGER NOT NULL,
    `café` VARCHAR(191) NOT NULL,
    `naïve` DECIMAL(65,30) NOT NULL,
    `day` DATE NOT NULL,
    `time` TIME(6),
    `zone` DATETIME(3),
    `payload` JSON NOT NULL,
    `blob` LONGBLOB NOT NULL,
    `aVeryLongFieldNameThatPushesTheTypeOntoTheNextLineWhenFormatted` VARCHAR(191),
    `anEvenLongerFieldNameThatDoesNotFitEvenWhenItsTypeMovesToTheNext` JSON,
    `aFieldWhoseRustTypeIsTooLongForOneLineOfRustfmtsHundredColumnsAt` DATETIME(3),
    `kind` ENUM('class', 'self', 'Self', 'ADMIN', 'Admin', 'été', 'A_B') NOT NULL,
    `kinds` JSON,
    `option` ENUM('some', 'none'),
    `internal` VARCHAR(191) NOT NULL DEFAULT 'hidden',
    `position` POINT,
    `typeModelId` INTEGER NOT NULL,
    `parentId` VARCHAR(191),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Date` (
    `id` INTEGER NOT NULL,
    `date` DATETIME(3) NOT NULL,
    `when` DATE,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Option` (
    `id` INTEGER NOT NULL,
    `value` VARCHAR(191),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `JsonValue` (
    `id` INTEGER NOT NULL,
    `value` JSON NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Café` (
    `id` INTEGER NOT NULL,
    `crème` VARCHAR(191) NOT NULL,
    `brûlée` INTEGER NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `日本` (
    `id` INTEGER NOT NULL,
    `名前` VARCHAR(191) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Index` (
    `id` INTEGER NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `lower_user` (
    `id` INTEGER NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `upper_user` (
    `id` INTEGER NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Type_` (
    `id` INTEGER NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `Self` ADD CONSTRAINT `Self_typeModelId_fkey` FOREIGN KEY (`typeModelId`) REFERENCES `Type_`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Self` ADD CONSTRAINT `Self_parentId_fkey` FOREIGN KEY (`parentId`) REFERENCES `Self`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;
