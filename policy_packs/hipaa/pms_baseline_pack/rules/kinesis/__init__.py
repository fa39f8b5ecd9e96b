"""Rules for Amazon Kinesis Data Streams: streams encrypted at rest."""
