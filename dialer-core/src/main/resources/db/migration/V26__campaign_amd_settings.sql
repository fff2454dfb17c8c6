-- Each campaign's answering-machine detection settings (Asterisk's AMD() parameters, handed to the dialplan
-- on every call it places with machine detection on). Existing campaigns get the tuned defaults: tuned on
-- the project's AMD corpus, where they hang up on fewer people than Asterisk's defaults and send no more
-- machines to agents (README "Benchmarks", AmdBenchmarkIT).
alter table campaign add column amd_settings jsonb not null default
    '{"initialSilence": 2500, "greeting": 2000, "afterGreetingSilence": 800, "totalAnalysisTime": 4000, "minimumWordLength": 60, "betweenWordsSilence": 50, "maximumNumberOfWords": 3, "silenceThreshold": 1024, "maximumWordLength": 5000}';
