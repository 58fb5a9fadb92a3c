CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `printed_sheets` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`printed_at` integer NOT NULL,
	`base_url` text NOT NULL,
	`layout` text NOT NULL,
	`code_ids` text NOT NULL,
	`user_id` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `printed_sheets_meeting` ON `printed_sheets` (`meeting_id`,`printed_at`);--> statement-breakpoint
CREATE TABLE `test_scans` (
	`id` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`reached_at` integer,
	`browser` text,
	`os` text,
	`secure` integer,
	`rtt_ms` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_scans_token` ON `test_scans` (`token`);