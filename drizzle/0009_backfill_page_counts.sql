-- The report's paper figures need each released PDF's page count, which the count-pages job
-- has stored for new versions since 0007. The current versions of PDFs uploaded before it get
-- one queued job each here, run by the job queue like any other (Node: pdfinfo in a child
-- process, Workers: pdf-lib up to 32 MB). Nothing is queued twice: versions with a count or a
-- pending job are left out, so applying this to a database that has them changes nothing.
INSERT INTO jobs (id, kind, subject, payload, status, attempts, run_after, created_at)
SELECT lower(hex(randomblob(12))), 'count-pages', v.document_id, json_object('version', v.version), 'queued', 0,
  CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000
FROM document_versions v
JOIN documents d ON d.id = v.document_id AND d.current_version = v.version
WHERE v.content_type = 'application/pdf' AND v.page_count IS NULL
  AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'count-pages' AND j.subject = v.document_id AND j.status IN ('queued', 'running'));
