CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`sha256` text NOT NULL,
	`r2_key` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`metadata` text NOT NULL,
	`source` text DEFAULT 'upload' NOT NULL,
	`tone3000_tone_id` text,
	`tone3000_model_id` text,
	`licence` text,
	`author` text,
	`source_url` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assets_owner_sha256_uq` ON `assets` (`owner_id`,`sha256`);--> statement-breakpoint
CREATE INDEX `assets_owner_kind_created_idx` ON `assets` (`owner_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `chain_asset_refs` (
	`chain_id` text NOT NULL,
	`asset_id` text NOT NULL,
	PRIMARY KEY(`chain_id`, `asset_id`),
	FOREIGN KEY (`chain_id`) REFERENCES `chains`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `chain_asset_refs_asset_idx` ON `chain_asset_refs` (`asset_id`);--> statement-breakpoint
CREATE TABLE `chains` (
	`id` text PRIMARY KEY NOT NULL,
	`shootout_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`colour` text NOT NULL,
	`blocks` text NOT NULL,
	FOREIGN KEY (`shootout_id`) REFERENCES `shootouts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chains_shootout_position_uq` ON `chains` (`shootout_id`,`position`);--> statement-breakpoint
CREATE TABLE `render_events` (
	`render_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`render_id`, `seq`),
	FOREIGN KEY (`render_id`) REFERENCES `renders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `render_nodes` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`capabilities` text DEFAULT '{}' NOT NULL,
	`last_heartbeat_at` integer,
	`revoked_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `render_nodes_token_hash_unique` ON `render_nodes` (`token_hash`);--> statement-breakpoint
CREATE INDEX `render_nodes_owner_idx` ON `render_nodes` (`owner_id`);--> statement-breakpoint
CREATE TABLE `renders` (
	`id` text PRIMARY KEY NOT NULL,
	`shootout_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`spec` text NOT NULL,
	`spec_hash` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`lease_node_id` text,
	`lease_expires_at` integer,
	`attempt` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 3 NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`stage` text,
	`last_seq` integer DEFAULT -1 NOT NULL,
	`artifacts` text,
	`error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`timings` text,
	FOREIGN KEY (`shootout_id`) REFERENCES `shootouts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lease_node_id`) REFERENCES `render_nodes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `renders_status_lease_idx` ON `renders` (`status`,`lease_expires_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `renders_shootout_queued_idx` ON `renders` (`shootout_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `renders_spec_hash_idx` ON `renders` (`spec_hash`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`rotated_at` integer,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `shootout_di_tracks` (
	`id` text PRIMARY KEY NOT NULL,
	`shootout_id` text NOT NULL,
	`position` integer NOT NULL,
	`asset_id` text NOT NULL,
	`channel` text DEFAULT 'left' NOT NULL,
	`riffs` text NOT NULL,
	FOREIGN KEY (`shootout_id`) REFERENCES `shootouts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `di_tracks_shootout_position_uq` ON `shootout_di_tracks` (`shootout_id`,`position`);--> statement-breakpoint
CREATE INDEX `di_tracks_asset_idx` ON `shootout_di_tracks` (`asset_id`);--> statement-breakpoint
CREATE TABLE `shootouts` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`visibility` text DEFAULT 'private' NOT NULL,
	`arrangement` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `shootouts_owner_updated_idx` ON `shootouts` (`owner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `shootouts_visibility_updated_idx` ON `shootouts` (`visibility`,`created_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text,
	`display_name` text NOT NULL,
	`password_hash` text,
	`password_salt` text,
	`password_iterations` integer,
	`tone3000_user_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_tone3000_user_id_unique` ON `users` (`tone3000_user_id`);