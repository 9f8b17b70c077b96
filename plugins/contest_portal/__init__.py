"""contest-portal: validate contest data and publish it as a static portal.

The stages, in the order data flows through them:

    yamlfile / schema / schema_check   read one YAML file and check its form
    loader / files / rules             find contests and entries, check them across files
    media / cache / posters            probe videos (cached), make poster frames
    model                              the loaded portal
    phase / i18n                       where a contest stands; localized text and values
    pages / render                     site plan and page bodies
    plugin / config                    the MkDocs adapter (the only modules importing MkDocs)
"""

__version__ = "0.1.0"
