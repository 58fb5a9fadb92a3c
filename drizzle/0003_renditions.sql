CREATE TABLE `rendition_pages` (
	`document_id` text NOT NULL,
	`version` integer NOT NULL,
	`page` integer NOT NULL,
	`storage_key` text NOT NULL,
	`content_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`document_id`, `version`, `page`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `renditions` (
	`document_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`format` text,
	`pages_done` integer DEFAULT 0 NOT NULL,
	`source_pages` integer,
	`capped` integer DEFAULT false NOT NULL,
	`width` integer,
	`height` integer,
	`bytes` integer DEFAULT 0 NOT NULL,
	`error` text,
	`error_detail` text,
	`renderer` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`document_id`, `version`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `access_events` ADD `page` integer;