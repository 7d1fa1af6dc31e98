"""The HTML and DOCX readers as they were before they were made faster (main 9cd5897), kept verbatim apart from
imports: tests/test_reader_equality.py reads every seed, the corpus page and random pages and documents with
both and requires identical results. Plain code, one step per element: the reference the fast paths answer to."""
