"""Stories: articles grouped into developing stories as they arrive
(:class:`.cluster.StoryAssigner`)."""

from .cluster import STORY_VERSION, StoryAssigner, StoryReport

__all__ = ["STORY_VERSION", "StoryAssigner", "StoryReport"]
