ALTER TABLE `codes` ADD `opens_at` integer;--> statement-breakpoint
ALTER TABLE `codes` ADD `closes_at` integer;--> statement-breakpoint
ALTER TABLE `document_versions` ADD `change_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `document_versions` ADD `page_count` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `opens_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `closes_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `closed_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `expected_delegates` integer;--> statement-breakpoint
CREATE INDEX `access_events_meeting_device` ON `access_events` (`meeting_id`,`device_id`,`at`);