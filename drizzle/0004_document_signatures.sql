CREATE TABLE `document_signatures` (
	`document_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`anchors` text DEFAULT 'none' NOT NULL,
	`checked_at` integer NOT NULL,
	PRIMARY KEY(`document_id`, `version`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
