"""What the cohort track's pages share."""

PAGE_SIZE = 20
