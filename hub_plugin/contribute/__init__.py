"""Ways in for contributors: ``hub new`` (``scaffold``), ``hub translate`` (``translate``), the GitHub issue
form (``issueform``) and the "new file" link that opens GitHub's editor on the template (``newfile``)."""
