"""From a parsed article to claims: one spaCy component a job."""
