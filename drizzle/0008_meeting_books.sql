CREATE TABLE `meeting_books` (
	`meeting_id` text NOT NULL,
	`scope` text NOT NULL,
	`inputs_hash` text NOT NULL,
	`storage_key` text NOT NULL,
	`pages` integer NOT NULL,
	`bytes` integer NOT NULL,
	`manifest` text NOT NULL,
	`built_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `scope`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `meetings` ADD `labelled_copies` integer DEFAULT false NOT NULL;