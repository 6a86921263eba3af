DROP INDEX `assets_owner_sha256_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `assets_owner_tone3000_model_uq` ON `assets` (`owner_id`,`tone3000_model_id`) WHERE source = 'tone3000';--> statement-breakpoint
CREATE UNIQUE INDEX `assets_owner_sha256_uq` ON `assets` (`owner_id`,`sha256`) WHERE source <> 'tone3000';