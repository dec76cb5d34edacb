"""Ways in for contributors: ``hub new`` (``scaffold``), the GitHub issue form (``issueform``) and the
"new file" link that opens GitHub's editor on the template (``newfile``)."""
