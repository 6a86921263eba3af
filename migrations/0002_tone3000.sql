CREATE TABLE `tone3000_accounts` (
	`user_id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text,
	`avatar_url` text,
	`access_token_enc` text,
	`refresh_token_enc` text,
	`access_expires_at` integer,
	`token_generation` integer DEFAULT 0 NOT NULL,
	`refresh_lock_until` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tone3000_oauth_states` (
	`state` text PRIMARY KEY NOT NULL,
	`verifier_enc` text NOT NULL,
	`purpose` text NOT NULL,
	`user_id` text,
	`redirect_uri` text NOT NULL,
	`return_to` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tone3000_oauth_states_expires_idx` ON `tone3000_oauth_states` (`expires_at`);--> statement-breakpoint
DROP INDEX `shootouts_owner_updated_idx`;--> statement-breakpoint
DROP INDEX `shootouts_visibility_updated_idx`;--> statement-breakpoint
-- Until now updated_at shared the created_at column; 0 then the copy, because SQLite cannot add an expression default.
ALTER TABLE `shootouts` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `shootouts` SET `updated_at` = `created_at`;--> statement-breakpoint
CREATE INDEX `shootouts_owner_updated_idx` ON `shootouts` (`owner_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `shootouts_visibility_updated_idx` ON `shootouts` (`visibility`,`updated_at`);--> statement-breakpoint
ALTER TABLE `assets` ADD `tone3000_tone_title` text;--> statement-breakpoint
ALTER TABLE `assets` ADD `tone3000_model_name` text;--> statement-breakpoint
-- Until now updated_at shared the created_at column; 0 then the copy, because SQLite cannot add an expression default.
ALTER TABLE `assets` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `assets` SET `updated_at` = `created_at`;