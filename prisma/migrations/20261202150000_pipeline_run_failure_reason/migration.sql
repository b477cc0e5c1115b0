-- A run whose PipelineAquaReport cannot be parsed fails with this reason (the pipeline itself exited 0).
ALTER TABLE "workflow"."pipeline_run" ADD COLUMN "failure_reason" TEXT;
