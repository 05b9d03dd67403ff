from storyline.ingest.chrome import remove_chrome

BODY = (
    "The Northvale council approved the harbour budget on Tuesday.\n\n"
    "Councillor Ada Brennick said the vote was overdue."
)


def test_reaction_widget_with_labels_on_one_line_is_removed():
    text, counts = remove_chrome(BODY + "\n\nWhat's Your Reaction?\nlike dislike love funny angry sad wow\n")
    assert text == BODY
    assert counts == {}


def test_reaction_widget_one_label_per_line_with_counts_keeps_the_counts():
    widget = "\nWhat’s your reaction?\n\nLike\n12\nDislike\n0\nLove\n\nFunny\nAngry\n3\nSad\nWow\n\n"
    text, counts = remove_chrome(BODY + "\n" + widget)
    assert text == BODY
    assert counts == {"like": 12, "dislike": 0, "angry": 3}


def test_reaction_counts_written_label_then_number_on_one_line():
    text, counts = remove_chrome(BODY + "\n\nWhat's your reaction?\nLike 7 Angry 2 Sad (1)")
    assert text == BODY
    assert counts == {"like": 7, "angry": 2, "sad": 1}


def test_reaction_counts_written_number_before_label():
    text, counts = remove_chrome(BODY + "\n\nWhat's your reaction?\n4\nLike\n9\nWow")
    assert text == BODY
    assert counts == {"like": 4, "wow": 9}


def test_label_run_without_header_is_a_widget_only_with_four_labels():
    text, _ = remove_chrome(BODY + "\n\nLike\nDislike\nLove\nAngry")
    assert text == BODY
    short = BODY + "\n\nLove"
    assert remove_chrome(short)[0] == short


def test_article_about_emoji_reactions_keeps_its_sentences():
    story = (
        "Emoji Study Finds Readers Prefer Angry Faces\n\n"
        "Researchers at the fictional Ostrava Media Lab asked: what's your reaction when a "
        "headline makes you angry?\n\n"
        "Readers who like a story tap the heart; those who feel sad or angry pick other faces.\n\n"
        "Like many platforms, the Quillpost app shows like, love, funny, angry, sad and wow "
        "buttons under every article.\n\n"
        "What's your reaction to that, asked lead author Petra Lindqvist."
    )
    text, counts = remove_chrome(story)
    assert text == story
    assert counts == {}


def test_sentence_starting_with_read_more_is_body_text():
    body = BODY + "\n\nRead more about the plan in the report, the minister said.\n\nThe end."
    assert remove_chrome(body)[0] == body


def test_read_more_and_related_link_lines_are_removed():
    body = (BODY + "\n\nRead more: Northvale ferry fares to rise in spring\n\n"
            "Related: Harbour workers plan strike\n\nThe vote passed 7-2.")
    text, _ = remove_chrome(body)
    assert "Read more" not in text and "Related" not in text
    assert text.endswith("The vote passed 7-2.")
    assert text.startswith(BODY)


def test_related_articles_list_at_the_end_is_removed_with_its_titles():
    body = (BODY + "\n\nRelated articles\n\nNorthvale opens new ferry terminal\n\n"
            "Storm closes coastal road near Elmsby\n\nWhy the harbour tax keeps rising")
    assert remove_chrome(body)[0] == BODY


def test_also_read_list_stops_at_the_next_real_paragraph():
    body = ("The council met on Tuesday.\nAlso read\nFerry fares to rise\nStrike ends at the docks\n"
            "The council will meet again in May, a spokesperson said.")
    text, _ = remove_chrome(body)
    assert text == "The council met on Tuesday.\nThe council will meet again in May, a spokesperson said."


def test_share_follow_and_subscribe_prompts_are_removed():
    prompts = [
        "Share this article", "Share on Facebook", "Share on Twitter", "Facebook Twitter Email",
        "Follow us on Instagram for more stories", "Subscribe to our newsletter",
        "Sign up for our morning briefing", "Like this story? Share it with a friend!",
        "Follow Lena Ortiz on Twitter @lenaortiz",
    ]
    body = BODY + "\n\n" + "\n".join(prompts)
    assert remove_chrome(body)[0] == BODY


def test_newsletter_subscription_policy_paragraph_is_kept():
    policy = ("The Northvale Gazette changed its newsletter subscription policy in March: readers "
              "who subscribe to the newsletter now pay a monthly fee, and those who sign up for "
              "the free tier receive one edition a week.")
    body = BODY + "\n\n" + policy + "\n\nSubscribe to the council's alerts, officials urged residents."
    assert remove_chrome(body)[0] == body


def test_repeated_headline_at_top_of_body_is_removed():
    body = "Council Approves Harbour Budget\n\n" + BODY
    assert remove_chrome(body, title="Council approves harbour budget")[0] == BODY


def test_headline_with_outlet_suffix_still_matches_repeated_headline():
    body = "Council approves harbour budget after long debate\n" + BODY
    title = "Council approves harbour budget after long debate | Northvale Gazette"
    assert remove_chrome(body, title=title)[0] == BODY


def test_headline_words_later_in_the_body_are_kept():
    body = BODY + "\n\nCouncil approves harbour budget"
    assert remove_chrome(body, title="Council approves harbour budget")[0] == body


def test_photo_credits_advertisements_and_footers_are_removed():
    chrome = [
        "Photo: Jonas Weller/Fictional Press Agency", "(Photo by Mira Sand/Northvale Gazette)",
        "Image credit: Fictional Wire", "File photo", "Advertisement", "ADVERTISEMENT",
        "Story continues below advertisement",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Copyright 2024 Northvale Gazette. All rights reserved.", "© 2024 Fictional Media Group",
    ]
    body = "\n".join(chrome[:3]) + "\n" + BODY + "\n\n" + "\n".join(chrome[3:])
    assert remove_chrome(body)[0] == BODY


def test_body_sentences_mentioning_photos_cookies_and_copyright_are_kept():
    body = ("Photographers said the festival photo contest drew 400 entries.\n\n"
            "We baked cookies for the volunteers, the organiser said.\n\n"
            "Copyright law was at the heart of the dispute between the two studios.")
    assert remove_chrome(body)[0] == body


def test_blog_engine_feed_footer_is_removed_but_a_sentence_about_a_post_is_kept():
    body = ("The council approved the budget on Monday.\n\n"
            "The post Council approves budget appeared first on Lindqvist Courier.")
    clean, _ = remove_chrome(body)
    assert clean.strip() == "The council approved the budget on Monday."
    kept = "The post of harbour master, which appeared first in the 1890 charter, is vacant."
    assert remove_chrome(kept)[0].strip() == kept


def test_bulleted_tool_links_are_removed_but_bulleted_items_are_kept():
    item = "- Sign up for the harbour pass before the end of May"
    body = BODY + "\n\n" + item + "\n\n- Order Reprints\n- Print Article"
    assert remove_chrome(body)[0] == BODY + "\n\n" + item


def test_newsletter_and_magazine_promotions_at_the_edges_are_removed():
    top = ("Start the week with the Northvale Briefing. Sign up for the free daily newsletter "
           "and get it in your inbox every morning.")
    bottom = ("Get Harbour Monthly delivered through your letterbox every month. 12 issues for "
              "£20. Click here for more information.")
    assert remove_chrome(top + "\n\n" + BODY + "\n\n" + bottom)[0] == BODY


def test_promotion_wording_inside_the_body_is_kept():
    middle = ("Residents who sign up for the ferry newsletter will get timetable changes in "
              "their inbox, the port said. Click here was the only instruction on the old site.")
    body = ("The Northvale council approved the harbour budget on Tuesday.\n\n" + middle
            + "\n\nCouncillor Ada Brennick said the vote was overdue.")
    assert remove_chrome(body)[0] == body


def test_read_also_lists_are_removed_in_other_languages():
    for header in ("Leia também:", "Lee también", "À lire aussi", "Lesen Sie auch",
                   "Leggi anche", "Baca juga:", "You may also be interested in..."):
        body = BODY + f"\n\n{header}\nCâmara aprova orçamento do porto\nBalsa nova em maio"
        assert remove_chrome(body)[0] == BODY, header


STORY = (
    "The Northvale council approved the harbour budget on Tuesday after a long debate.\n\n"
    "Councillor Ada Brennick said the vote was overdue and that the ferry would run by May.\n\n"
    "Mayor Elena Vasquez said the town had waited two years for the crossing to be funded."
)


def test_toolbar_lines_are_removed_but_sentences_with_tool_words_stay():
    body = ("Print Email this\n\n" + STORY + "\n\nQuote | Report this post\n\nDigg | del.icio.us"
            " | Furl | reddit\n\nMail to a friend Print story Read later\n\n"
            "Readers can print the ballot at home or email it to the council.")
    text, _ = remove_chrome(body)
    assert text == STORY + "\n\nReaders can print the ballot at home or email it to the council."


def test_site_prompts_and_notices_are_removed():
    body = (STORY + "\n\nWe welcome your comments on this story. Comments are submitted for "
            "possible publication on the condition that they may be edited.\n\n"
            "Search for more stories on this topic in our archive. Click here")
    assert remove_chrome(body)[0] == STORY


def test_reader_comments_go_with_their_signatures():
    comments = (
        "What a waste of money, the old ferry was fine.\n\n"
        "Posted by: Harbour Watcher of Elmsby 9:49pm January 08, 2026\n\n"
        "Finally! My commute will be half as long.\n\n"
        "Posted by: Tam of Northvale 5:22pm January 08, 2026\n\n"
        "Ask the mayor who pays for the dredging.\n\n"
        "Posted by: Quayside Resident 1:52pm January 08, 2026\n\n"
        "Report this comment")
    text, _ = remove_chrome(STORY + "\n\n" + comments)
    assert text == STORY


def test_one_signature_is_not_a_comment_section():
    body = STORY + "\n\nPosted by Lena Ortiz on January 8, 2026 at 9:40 AM"
    assert "Councillor Ada Brennick" in remove_chrome(body)[0]
    assert "Posted by Lena Ortiz" in remove_chrome(body)[0]


def test_the_article_header_above_the_first_sentence_is_removed():
    header = ("World News\n\nHarbour council backs ferry plan\n\nBy Lena Ortiz\n\n"
              "10:02 AM CST on Friday, December 28, 2026\n\nPrint Email this\n\n")
    text, _ = remove_chrome(header + STORY, "Harbour council backs ferry plan")
    assert text == STORY


def test_a_sub_headline_in_the_header_stays():
    body = "Vote ends two years of delay over the crossing\n\n" + STORY
    assert remove_chrome(body, "Harbour council backs ferry plan")[0] == body


def test_numbers_with_a_dot_are_not_times():
    body = "What is new in 2.26 (September pack)?\n\n" + STORY
    assert remove_chrome(body)[0] == body


def test_lines_without_words_are_layout_debris():
    body = "|\n\n" + STORY + "\n\n| | | |\n\n» · «"
    assert remove_chrome(body)[0] == STORY


def test_menu_bullets_and_a_colon_byline_above_the_story_are_header():
    header = "- PHOTO GALLERIES\n- Forums\n- Tide Corner\n\nBy: Lena Ortiz, NORTHVALE PRESS\n\n"
    assert remove_chrome(header + STORY)[0] == STORY


def test_bulleted_key_points_above_the_story_stay():
    points = "- The council voted seven to two for the new crossing\n\n"
    assert remove_chrome(points + STORY)[0] == points + STORY


LEAD = ("The harbour council of Northvale voted seven to two on Tuesday to fund a new ferry "
        "crossing, ending two years of delays that had angered commuters.")
LAST = "In a statement on Tuesday, the mayor's office said work would start in spring."


def test_a_stamped_date_line_in_the_body_is_removed_but_a_bare_date_entry_stays():
    body, _ = remove_chrome(f"{LEAD}\n\nPublished on 01/12/2026\n\n{LAST}\n\nUpdated: Jan 4, 2026")
    assert body == f"{LEAD}\n\n{LAST}"
    timeline = f"{LEAD}\n\nMarch 3, 2025\n\n{LAST}"
    assert remove_chrome(timeline)[0] == timeline


def test_a_toolbar_glued_to_the_last_sentence_and_topic_links_are_removed():
    body, _ = remove_chrome(f"{LEAD}\n\n{LAST} E-mail to a friend\n\n"
                            "All About Northvale \u2022 Ada Brennick")
    assert body == f"{LEAD}\n\n{LAST}"
    kept = f"{LEAD}\n\nAll about the ferry: the council explained its plan on Tuesday."
    assert remove_chrome(kept)[0] == kept


def test_print_page_references_are_removed():
    for line in ("World View, Page 14", "Continued on page 3", "See Page A2"):
        assert remove_chrome(f"{LEAD}\n\n{LAST}\n\n{line}")[0] == f"{LEAD}\n\n{LAST}"
    kept = f"{LEAD}\n\nThe plan runs to page 14 of the council's report, Ms Vasquez said."
    assert remove_chrome(kept)[0] == kept


def test_the_run_of_ads_and_notices_after_the_article_is_removed():
    ads = ("Visit Northvale Homes for houses to buy or rent with HomeFinder.example.com\n"
           "Sail the Sallow Strait from \u00a3199 with island stopovers from \u00a320\n"
           "CLICK FOR PRIZE DRAW\n"
           "Guided walks along the coast path and help with every booking...\n"
           "POA\n"
           "Contact our advertising team for advertising and sponsorship in the Gazette.\n"
           "This service is provided on the Gazette's standard Terms and Conditions.")
    body, _ = remove_chrome(f"{LEAD}\n\n{LAST}\n\n{ads}")
    assert body == f"{LEAD}\n\n{LAST}"


def test_short_or_shouting_lines_without_an_ad_are_kept_at_the_end():
    text = f"{LEAD}\n\n{LAST}\n\nMore at northvale.example\n\nEND"
    assert remove_chrome(text)[0] == text


def test_a_last_sentence_that_mentions_terms_and_conditions_is_kept():
    text = f"{LEAD}\n\nThe ferry company changed its terms and conditions in May, Ms Osk said."
    assert remove_chrome(text)[0] == text
