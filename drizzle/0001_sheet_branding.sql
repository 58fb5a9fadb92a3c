ALTER TABLE `meetings` ADD `organizer` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `logo_key` text;