"""The trained spaCy pipelines that ship with touming, installed as the package `nlp.models`.

Built by the recipes in pipelines/ from corpus/; each folder has its MODEL_CARD.md.
"""
